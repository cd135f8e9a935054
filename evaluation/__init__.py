"""Evaluation of newswire against gold data and against peer systems.

Kept apart from the product: ``extract/`` never imports this package, so the pipeline
runs without the evaluation extra (``pip install -e '.[eval]'``) and its peers' Java,
TreeTagger and textacy dependencies.
"""
