from enum import StrEnum

class BodyAnalyzeDocumentFeatureTypesItem(StrEnum):
    FORMS = "FORMS"
    LAYOUT = "LAYOUT"
    QUERIES = "QUERIES"
    SIGNATURES = "SIGNATURES"
    TABLES = "TABLES"

    def __str__(self) -> str:
        return str(self.value)
