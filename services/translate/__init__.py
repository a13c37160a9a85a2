"""Translation (what Amazon Translate does): real-time text and documents, custom terminology,
profanity masking, automatic source language, and batch jobs over buckets."""
