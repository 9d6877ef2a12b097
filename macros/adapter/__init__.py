"""The thin layer that registers the engine with MkDocs and mkdocs-macros.

Only modules in this package may import MkDocs; replacing the site generator
(e.g. with Zensical) means replacing this package only.
"""
