from enum import StrEnum

class BodyTranscribeResponseFormat(StrEnum):
    JSON = "json"
    SRT = "srt"
    TEXT = "text"
    VTT = "vtt"

    def __str__(self) -> str:
        return str(self.value)
