from enum import StrEnum

class SolutionRequestAlgorithm(StrEnum):
    ALS = "als"
    BPR = "bpr"

    def __str__(self) -> str:
        return str(self.value)
