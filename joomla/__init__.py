"""Moving from Joomla: `manage.py import_joomla` reads a Joomla 3, 4 or 5
database (read-only) and its images folder, and makes releases, topics,
offices and contact points of its articles, categories, tags and contacts.
Every public address of the old site keeps working: `LegacyAddress` holds
them, and `LegacyRedirectMiddleware` answers them with a 301 on a 404.

What is where: `source.py` (the Joomla database), `content.py` (what the
article HTML becomes), `addresses.py` (old addresses, normalised),
`importer.py` (the import itself and its report), `mapping.py` (the TOML
mapping of categories). May import the releases and contacts models; no
other app imports this one."""
