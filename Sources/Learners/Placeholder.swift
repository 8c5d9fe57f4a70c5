// Placeholder until the module's first type lands; replace, do not extend.
