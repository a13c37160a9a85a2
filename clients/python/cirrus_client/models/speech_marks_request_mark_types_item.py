from enum import StrEnum

class SpeechMarksRequestMarkTypesItem(StrEnum):
    SENTENCE = "sentence"
    SSML = "ssml"
    VISEME = "viseme"
    WORD = "word"

    def __str__(self) -> str:
        return str(self.value)
