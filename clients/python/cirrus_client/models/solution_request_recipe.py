from enum import StrEnum

class SolutionRequestRecipe(StrEnum):
    PERSONALIZED_RANKING = "personalized-ranking"
    POPULARITY_COUNT = "popularity-count"
    SIMILAR_ITEMS = "similar-items"
    USER_PERSONALIZATION = "user-personalization"

    def __str__(self) -> str:
        return str(self.value)
