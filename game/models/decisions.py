"""The quarter's decisions as a pydantic model: what the UI, a save file or a script sends.

Static ranges are checked here (types, signs, price floors); limits that depend on the
state (the term sheet, the credit line, GPU supply, cash) are checked by the engine, whose
messages name the field and the limit. Either way the state is left unchanged.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from game.engine.decisions import Decisions


class StaffChange(BaseModel):
    """People by function (hires or layoffs)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    research: int = Field(default=0, ge=0, le=100_000)
    engineering: int = Field(default=0, ge=0, le=100_000)
    safety: int = Field(default=0, ge=0, le=100_000)
    go_to_market: int = Field(default=0, ge=0, le=100_000)

    def as_list(self) -> list[int]:
        return [self.research, self.engineering, self.safety, self.go_to_market]


class QuarterDecisions(BaseModel):
    """Everything the player decides in one quarter. Money in US dollars."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    term_sheet: int = Field(default=0, ge=0, le=3, description="0 none, 1 venture, 2 strategic cloud partner, 3 sovereign fund")
    equity_raise_usd: float = Field(default=0.0, ge=0, description="money taken from the chosen term sheet")
    credit_draw_usd: float = Field(default=0.0, ge=0, description="drawn on the revolving credit line")
    credit_repay_usd: float = Field(default=0.0, ge=0, description="repaid on the credit line")
    gpu_purchase_a100e: float = Field(default=0.0, ge=0, description="GPUs ordered (A100-equivalents), delivered after the lead time")
    gpu_rent_a100e: float = Field(default=0.0, ge=0, description="GPUs rented for this quarter (A100-equivalents)")
    training_share: float = Field(default=0.0, description="share of owned GPU-hours kept for training (0 to 1)")
    training_budget_usd: float = Field(default=0.0, ge=0, description="cloud training compute, data and experiments this quarter")
    subscription_price_usd_per_month: float = Field(default=20.0, description="consumer subscription price")
    api_price_usd_per_mtok: float = Field(default=10.0, description="API price per million tokens")
    free_tier_generosity: float = Field(default=1.0, description="1 = the 2024 free tier; less saves compute but loses users")
    hires: StaffChange = Field(default_factory=StaffChange)
    layoffs: StaffChange = Field(default_factory=StaffChange)
    pay_level: float = Field(default=1.0, description="pay as a multiple of market pay")
    retention_grants_usd: float = Field(default=0.0, ge=0, description="grants paid this quarter to keep people")
    safety_testing_weeks: float = Field(default=8.0, description="safety testing before launching a trained model (1 to 26; over 13 waits a quarter)")
    convert_to_for_profit: bool = Field(default=False, description="turn the lab for-profit (before the deadline)")
    accept_acquisition: bool = Field(default=False, description="take this quarter's acquihire offer (ends the game)")
    ipo: bool = Field(default=False, description="list the company this quarter (ends the game)")

    def to_arrays(self) -> Decisions:
        """A batch of one, each field as the engine's array of its type."""
        out = {}
        for name, info in type(self).model_fields.items():
            value = getattr(self, name)
            if info.annotation is StaffChange:
                out[name] = np.array([value.as_list()], dtype=np.float64)
            else:
                out[name] = np.array([value], dtype=_ARRAY_TYPE[info.annotation])
        return Decisions(**out)

    @classmethod
    def from_arrays(cls, d: Decisions, i: int = 0) -> "QuarterDecisions":
        """Row `i` of a batch of decisions (e.g. what a strategy chose), as plain values."""
        out = {}
        for name, info in cls.model_fields.items():
            value = getattr(d, name)[i]
            if info.annotation is StaffChange:
                out[name] = StaffChange(**dict(zip(StaffChange.model_fields, (int(round(float(x))) for x in value))))
            else:
                out[name] = info.annotation(value)
        return cls(**out)


_ARRAY_TYPE = {float: np.float64, int: np.int64, bool: bool}
