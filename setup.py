"Packaging for ttt-nb: every setting lives in settings.ini (nbdev's single source of project metadata)."
from configparser import ConfigParser
import setuptools, shlex

cfg = ConfigParser(delimiters=['='])
cfg.read('settings.ini', encoding='utf-8')
cfg = cfg['DEFAULT']

for key in 'version description keywords author author_email lib_name user branch license status min_python audience language'.split():
    assert key in cfg, f'settings.ini is missing {key!r}'

# settings.ini names the license nbdev's way; the package metadata carries it as an SPDX expression (PEP 639,
# setuptools>=77), which replaces the License :: classifiers (setuptools refuses both together)
licenses = {'apache2': 'Apache-2.0'}
statuses = ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable']
configs = [cfg['lib_path'] + '.configs', cfg['lib_path'] + '.configs.accelerate']   # configs/ and configs/accelerate/
requirements = shlex.split(cfg.get('requirements', '')) + shlex.split(cfg.get('pip_requirements', ''))

setuptools.setup(
    name=cfg['lib_name'], version=cfg['version'], description=cfg['description'], keywords=cfg['keywords'],
    author=cfg['author'], author_email=cfg['author_email'], url=cfg['git_url'],
    license_expression=licenses.get(cfg['license'].lower(), cfg['license']), license_files=['LICENSE'],
    classifiers=['Development Status :: ' + statuses[int(cfg['status']) - 1],
                 'Intended Audience :: ' + cfg['audience'].title(),
                 'Natural Language :: ' + cfg['language'].title(),
                 'Programming Language :: Python :: 3'],
    # the shipped YAML configs (recipes, pipeline, accelerate) live in configs/ and install as ttt_nb/configs;
    # MANIFEST.in puts them, and the files this script reads, in the sdist that the wheel is built from
    packages=setuptools.find_packages(include=[cfg['lib_path'], cfg['lib_path'] + '.*']) + configs,
    package_dir={configs[0]: 'configs'},
    package_data={p: ['*.yaml'] for p in configs},
    include_package_data=True,
    install_requires=requirements,
    extras_require={'dev': shlex.split(cfg.get('dev_requirements', '')),
                    **{k: [v] for k, v in (e.split(':', 1) for e in cfg.get('extra_requirements', '').split())}},
    python_requires='>=' + cfg['min_python'],
    long_description=open('README.md', encoding='utf-8').read(),
    long_description_content_type='text/markdown',
    zip_safe=False,
    entry_points={'console_scripts': cfg.get('console_scripts', '').split(),
                  'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]},
)
