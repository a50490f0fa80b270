"""Pydantic models of every document kind (the schema)."""

from mvkplan.models.common import Period, Reference, Section
from mvkplan.models.documents import (
    DOCUMENT_MODELS,
    ActivityPlan,
    AnyDocument,
    Catalog,
    Consultation,
    CountyProfile,
    DocumentBase,
    FollowUp,
    Framework,
    LocalPlan,
    PlanBase,
    RegionalPlan,
    Strategy,
    build_validators,
)
from mvkplan.models.items import (
    Activity,
    Area,
    CatalogEntry,
    FocusRow,
    FrameworkItem,
    Goal,
    Indicator,
    IndicatorList,
    Publication,
)

__all__ = [
    "DOCUMENT_MODELS", "Activity", "ActivityPlan", "AnyDocument", "Area", "Catalog",
    "CatalogEntry", "Consultation", "CountyProfile", "DocumentBase", "FocusRow", "FollowUp", "Framework",
    "FrameworkItem",
    "Goal", "Indicator", "IndicatorList", "LocalPlan", "Period", "PlanBase", "Publication",
    "Reference", "RegionalPlan", "Section", "Strategy", "build_validators",
]
