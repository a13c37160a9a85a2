from enum import StrEnum

class JobInfoState(StrEnum):
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    IN_PROGRESS = "IN_PROGRESS"
    STOPPED = "STOPPED"
    STOP_REQUESTED = "STOP_REQUESTED"
    SUBMITTED = "SUBMITTED"

    def __str__(self) -> str:
        return str(self.value)
