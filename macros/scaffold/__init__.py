"""Scaffolds for editors (`python -m macros ny …`): new records and new plans as valid skeletons,
written as text so that nothing else in a file changes."""
