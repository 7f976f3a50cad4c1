"""What user Markdown may do, and how it prints.

* :mod:`~briefgen.markdown.scan`: what a field refers to (links, images, raw tags),
  read without rendering, so checking stays light;
* :mod:`~briefgen.markdown.policy`: the one link and image policy, used by lint,
  rendering, the PDF fetcher and build inputs;
* :mod:`~briefgen.markdown.html`: a field to sanitised HTML (Python-Markdown, nh3);
* :mod:`~briefgen.markdown.text`: a field as it goes into the Markdown memo.

Importing this package loads neither Python-Markdown nor nh3; only ``html`` does.
"""
