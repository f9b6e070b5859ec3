"""The council API: tokens a council's leads make for its own software (pages and rules in
``api.tokens``), and the endpoints such a token reaches."""
