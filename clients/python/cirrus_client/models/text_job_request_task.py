from enum import StrEnum

class TextJobRequestTask(StrEnum):
    CLASSIFICATION = "classification"
    ENTITIES = "entities"
    KEY_PHRASES = "key_phrases"
    LANGUAGE = "language"
    PII = "pii"
    SENTIMENT = "sentiment"
    TOPICS = "topics"

    def __str__(self) -> str:
        return str(self.value)
