from enum import StrEnum

class SpeechRequestSampleRateType0(StrEnum):
    VALUE_0 = "8000"
    VALUE_1 = "16000"
    VALUE_2 = "22050"
    VALUE_3 = "24000"
    VALUE_4 = "48000"

    def __str__(self) -> str:
        return str(self.value)
