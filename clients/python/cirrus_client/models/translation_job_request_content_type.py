from enum import StrEnum

class TranslationJobRequestContentType(StrEnum):
    TEXTHTML = "text/html"
    TEXTPLAIN = "text/plain"

    def __str__(self) -> str:
        return str(self.value)
