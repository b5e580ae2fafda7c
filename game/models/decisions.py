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
        one = lambda x: np.array([float(x)])  # noqa: E731
        flag = lambda x: np.array([bool(x)])  # noqa: E731
        return Decisions(
            term_sheet=np.array([self.term_sheet], dtype=np.int64),
            equity_raise_usd=one(self.equity_raise_usd),
            credit_draw_usd=one(self.credit_draw_usd),
            credit_repay_usd=one(self.credit_repay_usd),
            gpu_purchase_a100e=one(self.gpu_purchase_a100e),
            gpu_rent_a100e=one(self.gpu_rent_a100e),
            training_share=one(self.training_share),
            training_budget_usd=one(self.training_budget_usd),
            subscription_price_usd_per_month=one(self.subscription_price_usd_per_month),
            api_price_usd_per_mtok=one(self.api_price_usd_per_mtok),
            free_tier_generosity=one(self.free_tier_generosity),
            hires=np.array([self.hires.as_list()], dtype=np.float64),
            layoffs=np.array([self.layoffs.as_list()], dtype=np.float64),
            pay_level=one(self.pay_level),
            retention_grants_usd=one(self.retention_grants_usd),
            safety_testing_weeks=one(self.safety_testing_weeks),
            convert_to_for_profit=flag(self.convert_to_for_profit),
            accept_acquisition=flag(self.accept_acquisition),
            ipo=flag(self.ipo),
        )

    @classmethod
    def from_arrays(cls, d: Decisions, i: int = 0) -> "QuarterDecisions":
        staff = lambda a: StaffChange(**dict(zip(StaffChange.model_fields, (int(round(float(x))) for x in a[i]))))  # noqa: E731
        return cls(
            term_sheet=int(d.term_sheet[i]),
            equity_raise_usd=float(d.equity_raise_usd[i]),
            credit_draw_usd=float(d.credit_draw_usd[i]),
            credit_repay_usd=float(d.credit_repay_usd[i]),
            gpu_purchase_a100e=float(d.gpu_purchase_a100e[i]),
            gpu_rent_a100e=float(d.gpu_rent_a100e[i]),
            training_share=float(d.training_share[i]),
            training_budget_usd=float(d.training_budget_usd[i]),
            subscription_price_usd_per_month=float(d.subscription_price_usd_per_month[i]),
            api_price_usd_per_mtok=float(d.api_price_usd_per_mtok[i]),
            free_tier_generosity=float(d.free_tier_generosity[i]),
            hires=staff(d.hires),
            layoffs=staff(d.layoffs),
            pay_level=float(d.pay_level[i]),
            retention_grants_usd=float(d.retention_grants_usd[i]),
            safety_testing_weeks=float(d.safety_testing_weeks[i]),
            convert_to_for_profit=bool(d.convert_to_for_profit[i]),
            accept_acquisition=bool(d.accept_acquisition[i]),
            ipo=bool(d.ipo[i]),
        )
