"""Comprehend: real-time text analysis (sentiment, entities, key phrases, syntax, PII, language), the
asynchronous jobs over buckets, topic modeling, and custom classifiers with their endpoints."""
