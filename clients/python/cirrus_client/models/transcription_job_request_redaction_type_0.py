from enum import StrEnum

class TranscriptionJobRequestRedactionType0(StrEnum):
    REDACTED = "redacted"
    REDACTED_AND_UNREDACTED = "redacted_and_unredacted"

    def __str__(self) -> str:
        return str(self.value)
