"""Turn the raw text of Chinese policy documents into a structured model, and the model into pages.

The pipeline, each stage a pure function over immutable values (``pipeline.read_page`` runs the
first four for one seed):

    source.read_lines         bytes -> SourceLine (file:line kept)
    layout.repair             SourceLine -> Block (page layout repaired by named, ordered rules)
    recognise.recognise       Block -> Page of Document / Article (structure, ids, spans)
    fidelity                  every character of the source in the model, once, in order
    slugs.assign_slugs        each document's address
    glossary, related         terms found and linked, related passages ranked
    render                    model -> Markdown pages, data files and the search index

Only ``scripts/build.py`` touches the filesystem.
"""
