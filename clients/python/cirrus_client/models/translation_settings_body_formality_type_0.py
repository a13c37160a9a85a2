from enum import StrEnum

class TranslationSettingsBodyFormalityType0(StrEnum):
    FORMAL = "FORMAL"
    INFORMAL = "INFORMAL"

    def __str__(self) -> str:
        return str(self.value)
