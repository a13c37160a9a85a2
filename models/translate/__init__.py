"""Translation backends: Apertium (rule-based, Debian's packages, warm null-flush pipelines) and
transformers seq2seq (MarianMT, M2M-100, NLLB: models a user supplies or downloads when online)."""
