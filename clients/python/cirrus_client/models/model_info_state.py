from enum import StrEnum

class ModelInfoState(StrEnum):
    FAILED = "failed"
    LOADING = "loading"
    NOT_LOADED = "not_loaded"
    READY = "ready"

    def __str__(self) -> str:
        return str(self.value)
