"""Turn the raw text of Chinese policy documents into a structured model.

The pipeline, each stage a pure function over immutable values:

    source.read_lines      bytes -> SourceLine (file:line kept)
    layout.repair          SourceLine -> Block (page layout repaired by named rules)
    recognise.recognise    Block -> Page of Document / Article (structure, ids)
    linking / render       model -> Markdown pages (see the render package)

Only ``scripts/build.py`` touches the filesystem.
"""
