#!/usr/bin/env node
// Write content/countries/<CODE>.yaml for every country that has none yet.
// Profiles carry facts only: no focus and no assessments are invented; a ministry team fills them in.
import {existsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {loadCountries} from '../dist/annotate/countries.js'
import {contentPaths} from '../dist/content-paths.js'

for (const c of loadCountries(contentPaths.countries)) {
  const path = join(contentPaths.profiles, `${c.code}.yaml`)
  if (existsSync(path)) continue
  writeFileSync(path, `# Perfil de país: ${c.name.es} (${c.code})
# Lo edita el equipo del ministerio. Se valida cada vez que se usa: \`briefs select --country ${c.code}\`.
# Estados posibles de la autoevaluación: not-started | in-progress | implemented | not-applicable
country: ${c.code}

# Párrafo de contexto que abre el informe del país (texto libre, opcional). Vacío: el informe
# abre con los datos del país (subregión, idioma) en el idioma del informe.
context: ''

# Enfoque del país: lineamientos (I–XIV), públicos y temas en los que se concentra el informe.
# Si se deja vacío, el informe del país incluye las 113 recomendaciones.
focus:
  guidelines: []
  audiences: []
  themes: []

# Autoevaluación por recomendación (opcional). Ejemplo:
#   62:
#     status: in-progress
#     note: Proyecto de ley de descentralización en discusión.
#     evidence: https://www.ejemplo.gob/informe
assessments: {}
`)
  console.log(path)
}
