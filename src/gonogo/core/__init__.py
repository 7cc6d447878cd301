"""The domain core: knowledge base, restrictions, risk, benefits and the decision. No Django, no adapters."""
