from enum import StrEnum

class ResourceInfoStatus(StrEnum):
    ACTIVE = "ACTIVE"
    CREATE_FAILED = "CREATE_FAILED"
    CREATE_IN_PROGRESS = "CREATE_IN_PROGRESS"
    CREATE_PENDING = "CREATE_PENDING"
    CREATE_STOPPED = "CREATE_STOPPED"

    def __str__(self) -> str:
        return str(self.value)
