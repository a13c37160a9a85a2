from enum import StrEnum

class TextJobRequestTask(StrEnum):
    ENTITIES = "entities"
    KEY_PHRASES = "key_phrases"
    LANGUAGE = "language"
    SENTIMENT = "sentiment"

    def __str__(self) -> str:
        return str(self.value)
