from enum import StrEnum

class PersonalizeDatasetRequestDatasetType(StrEnum):
    INTERACTIONS = "Interactions"
    ITEMS = "Items"
    USERS = "Users"

    def __str__(self) -> str:
        return str(self.value)
