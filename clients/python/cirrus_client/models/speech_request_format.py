from enum import StrEnum

class SpeechRequestFormat(StrEnum):
    MP3 = "mp3"
    OGG_OPUS = "ogg_opus"
    OGG_VORBIS = "ogg_vorbis"
    PCM = "pcm"

    def __str__(self) -> str:
        return str(self.value)
