from enum import StrEnum

class TextJobRequestInputFormat(StrEnum):
    ONE_DOC_PER_FILE = "ONE_DOC_PER_FILE"
    ONE_DOC_PER_LINE = "ONE_DOC_PER_LINE"

    def __str__(self) -> str:
        return str(self.value)
