from enum import StrEnum

class SpeechMarksRequestTextType(StrEnum):
    SSML = "ssml"
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)
