"""The characters a printed number is made of, in the two scripts plans use."""

ARABIC_DIGITS = "0123456789"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
NUMBER_PUNCT = ",.-"
