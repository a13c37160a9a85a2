from enum import StrEnum

class ModelInfoRunsOn(StrEnum):
    EMBEDDED = "embedded"
    RAY = "ray"

    def __str__(self) -> str:
        return str(self.value)
