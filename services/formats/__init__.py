"""User file formats parsed one hardened way (XML today: TMX terminologies, PLS lexicons, SSML)."""
