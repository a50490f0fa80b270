"""mvkplan: action plans against men's violence against women, kept as data.

Kept deliberately empty of imports so that ``mvkplan --version`` starts fast.
"""

__version__ = "0.1.0"
