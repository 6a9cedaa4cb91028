"""Demo data for ``manage.py load_demo``: a provincial market regulator, its city and
county bureaus, their departments, guides and staff, and a catalogue of more than
485 published entries, among them two real texts kept in ``data/``.

The modules here are plain data and pure functions; the command writes them.
"""
