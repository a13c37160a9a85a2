from enum import StrEnum

class SentimentResultSentiment(StrEnum):
    MIXED = "MIXED"
    NEGATIVE = "NEGATIVE"
    NEUTRAL = "NEUTRAL"
    POSITIVE = "POSITIVE"

    def __str__(self) -> str:
        return str(self.value)
