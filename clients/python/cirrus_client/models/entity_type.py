from enum import StrEnum

class EntityType(StrEnum):
    COMMERCIAL_ITEM = "COMMERCIAL_ITEM"
    DATE = "DATE"
    EVENT = "EVENT"
    LOCATION = "LOCATION"
    ORGANIZATION = "ORGANIZATION"
    OTHER = "OTHER"
    PERSON = "PERSON"
    QUANTITY = "QUANTITY"
    TITLE = "TITLE"

    def __str__(self) -> str:
        return str(self.value)
