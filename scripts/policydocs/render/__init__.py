"""Render the model as Markdown pages for MkDocs. Pure functions: path -> text."""
