from enum import StrEnum

class TranslateDocumentRequestContentType(StrEnum):
    TEXTHTML = "text/html"
    TEXTPLAIN = "text/plain"

    def __str__(self) -> str:
        return str(self.value)
