from enum import StrEnum

class SpeechRequestEngineType0(StrEnum):
    GENERATIVE = "generative"
    LONG_FORM = "long-form"
    NEURAL = "neural"
    STANDARD = "standard"

    def __str__(self) -> str:
        return str(self.value)
