"""Scripts that learn the extractor's knowledge from an annotated corpus and write it as data files.

Run from a checkout with the corpus beside it; each script writes a file under
``knowledge/extraction/data/`` that the extractor loads at start. The corpus used here is the
German WIKINEWS quotation-attribution dataset (CC BY-NC-SA 4.0); only its ``train_*`` documents
are learned from, its ``dev_*`` documents are kept for validation.
"""
