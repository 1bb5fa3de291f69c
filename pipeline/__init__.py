"""thaiplan: Thai government action plans to clean, validated tables."""

__version__ = "0.1.0"
