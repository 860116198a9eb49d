/**
 * Synthetic but realistically distributed published letters and replies for bench:search: skewed
 * States and mandates, mostly joint letters, three letter languages and six reply languages, texts
 * whose words follow Zipf's law (so that some words are in most letters and others in a handful),
 * recurring phrases, and rare place names that make selective words.
 */

/** Draws indexes 0..n-1 with probability ∝ 1/(rank+1)^s. */
export function zipf(n: number, s: number, rnd: () => number): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= n; rank++) {
    total += 1 / rank ** s;
    cumulative.push(total);
  }
  return () => {
    const target = rnd() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  };
}

export function weighted<T>(entries: Array<[T, number]>, rnd: () => number): () => T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  return () => {
    let target = rnd() * total;
    for (const [value, weight] of entries) {
      target -= weight;
      if (target <= 0) {
        return value;
      }
    }
    return entries[entries.length - 1][0];
  };
}

const words = (text: string) => text.trim().split(/\s+/);

/** Content words of letters and replies, most frequent first (stop words left out: the parsers drop them). */
export const VOCABULARY: Record<string, string[]> = {
  en: words(`
    rights information human government detention alleged authorities received case release concern arrest
    security police prison freedom law court family judicial charges lawyer expression trial allegations defenders
    investigation detained torture health access protection violence reports journalist sentenced women children
    international measures public officials military forces national activists community members arrested held
    order peaceful assembly association provide legal procedure death penalty victims punishment threats intimidation
    reprisals cooperation united nations council special rapporteur mandate working group independent expert letter
    urge request explain steps taken ensure safeguards guarantee compliance obligations covenant convention article
    standards principles detainees conditions solitary confinement medical treatment denied visits relatives held
    incommunicado whereabouts unknown disappearance enforced abducted kidnapped missing search bodies found killed
    shot injured protesters demonstration dispersed tear gas live ammunition excessive force curfew emergency state
    media blocked internet shutdown website newspaper broadcaster television radio editor blogger online posts social
    platform surveillance spyware phone hacked data privacy personal counter terrorism extremism legislation draft bill
    amendment decree regulation adopted parliament provisions vague broad criminalize restrictions registration
    organizations funding foreign agents closure dissolved licence revoked travel ban passport confiscated border
    deported expelled refugee asylum seekers migrants camp returned refoulement indigenous peoples land eviction
    forced demolition housing homes displaced company mining project environmental water pollution consultation
    consent protest leaders farmers workers union strike labour wages employment discrimination gender minority
    religious belief ethnic racial hate speech incitement attacks school students teachers university academic
    doctors hospital patients covid vaccine pandemic prisoners overcrowding hunger strike deaths custody autopsy
    impunity accountability remedy reparation compensation prosecution perpetrators judges independence lawyers bar
    disbarred harassment smear campaign stigmatization sexual harassment rape gender based violence girls marriage
    trafficking slavery labour domestic workers disability persons older persons land defenders environmental defenders
    climate change businesses supply chain due diligence sanctions unilateral coercive measures food water sanitation
    education poverty extreme debt austerity social security pension benefits mental health institutions psychiatric
    involuntary hospitalization restraint electric shocks beaten hooded stress positions sleep deprivation confession
    coerced evidence fair hearing appeal supreme cassation acquitted convicted years imprisonment fine suspended
  `),
  fr: words(`
    droits informations gouvernement détention allégations autorités reçu arrestation sécurité police prison liberté
    tribunal famille judiciaire avocat expression procès défenseurs enquête détenu torture santé accès protection
    violence journaliste condamné femmes enfants mesures publics responsables militaires forces nationale militants
    communauté membres arrêtés réunion pacifique association fournir juridique procédure peine mort victimes menaces
    intimidation représailles coopération nations unies conseil rapporteur spécial mandat groupe travail expert
    indépendant lettre demander expliquer garantir obligations pacte convention article normes principes détenus
    conditions isolement traitement médical refusé visites proches disparition forcée enlevé manifestants dispersés
    force excessive urgence médias bloqué internet journal éditeur blogueur surveillance terrorisme législation projet
    loi décret parlement dispositions restrictions enregistrement organisations financement étrangers dissous expulsé
    réfugiés demandeurs asile migrants autochtones terres expulsion forcée démolition logement entreprise minier
    environnement eau pollution consultation consentement manifestation agriculteurs travailleurs syndicat grève
    discrimination minorité religieuse ethnique discours haine attaques école étudiants enseignants université médecins
    hôpital prisonniers surpopulation grève faim décès garde impunité responsabilité recours réparation poursuites
    juges indépendance avocats harcèlement campagne violence sexuelle filles mariage traite esclavage handicap
  `),
  es: words(`
    derechos información gobierno detención alegaciones autoridades recibido arresto seguridad policía prisión libertad
    tribunal familia judicial abogado expresión juicio defensores investigación detenido tortura salud acceso
    protección violencia periodista condenado mujeres niños medidas públicos funcionarios militares fuerzas nacional
    activistas comunidad miembros arrestados reunión pacífica asociación proporcionar jurídico procedimiento pena
    muerte víctimas amenazas intimidación represalias cooperación naciones unidas consejo relator especial mandato
    grupo trabajo experto independiente carta solicitar explicar garantizar obligaciones pacto convención artículo
    normas principios detenidos condiciones aislamiento tratamiento médico negado visitas familiares desaparición
    forzada secuestrado manifestantes dispersados fuerza excesiva emergencia medios bloqueado internet periódico
    vigilancia terrorismo legislación proyecto ley decreto parlamento disposiciones restricciones registro
    organizaciones financiamiento extranjeros disuelto expulsado refugiados solicitantes asilo migrantes indígenas
    tierras desalojo forzoso demolición vivienda empresa minera ambiental agua contaminación consulta consentimiento
    protesta campesinos trabajadores sindicato huelga discriminación minoría religiosa étnica discurso odio ataques
    escuela estudiantes maestros universidad médicos hospital presos hacinamiento huelga hambre muertes custodia
  `),
  ru: words(`
    права информация правительство задержание утверждения власти арест безопасность полиция тюрьма свобода суд
    семья адвокат выражение процесс правозащитники расследование задержан пытки здоровье доступ защита насилие
    журналист осужден женщины дети меры должностные лица военные силы активисты члены арестованы собрание мирное
    ассоциация процедура смертная казнь жертвы угрозы запугивание репрессии сотрудничество объединенные нации совет
    докладчик мандат группа эксперт письмо закон законодательство соответствии обвинения экстремизм терроризм
    организации иностранные агенты регистрация ограничения свидетельства приговор апелляция освобожден
  `),
  ar: words(`
    حقوق الإنسان معلومات الحكومة احتجاز ادعاءات السلطات اعتقال الأمن الشرطة السجن حرية المحكمة الأسرة محامي التعبير
    محاكمة المدافعين تحقيق محتجز تعذيب الصحة الوصول حماية العنف صحفي حكم النساء الأطفال تدابير المسؤولين العسكرية
    القوات ناشطين المجتمع أعضاء اعتقلوا التجمع السلمي الجمعيات القانون الإجراءات عقوبة الإعدام الضحايا تهديدات
    ترهيب انتقام التعاون الأمم المتحدة المجلس المقرر الخاص الولاية الفريق العامل الخبير رسالة الإرهاب التشريعات
  `),
  zh: words(`
    人权 政府 信息 拘留 指控 当局 逮捕 安全 警察 监狱 自由 法院 家庭 律师 表达 审判 捍卫者 调查 酷刑 健康
    保护 暴力 记者 判决 妇女 儿童 措施 官员 军队 活动人士 社区 集会 和平 结社 法律 程序 死刑 受害者 威胁
    恐吓 报复 合作 联合国 理事会 特别报告员 任务 工作组 专家 来函 恐怖主义 立法 发展 稳定 主权 内政 依法
    保障 公民 权利 合法 权益 宗教 民族 教育 培训 职业 技能 中心 自治区 少数民族 文化 经济 社会
  `),
};

/** Recurring phrases of letters (their words also appear apart, so a phrase query needs the positions). */
export const PHRASES: Record<string, string[]> = {
  en: [
    'human rights defenders',
    'freedom of expression',
    'arbitrary detention',
    'enforced disappearance',
    'death penalty',
    'freedom of peaceful assembly',
    'right to health',
    'excessive use of force',
    'fair trial guarantees',
    'torture and ill-treatment',
  ],
  fr: [
    'défenseurs des droits humains',
    'liberté d’expression',
    'détention arbitraire',
    'disparition forcée',
    'peine de mort',
  ],
  es: [
    'defensores de derechos humanos',
    'libertad de expresión',
    'detención arbitraria',
    'desaparición forzada',
    'pena de muerte',
  ],
};

export const THEMES = words(`
  detention torture expression defenders assembly association health housing food water environment indigenous
  migrants women children disability religion minorities terrorism business judiciary disappearance execution
  reprisals privacy education poverty slavery trafficking climate
`);

const SYLLABLES = words(
  'ka ra vel mon tes sa lu dor bri an to gel fer nis qua ro mi zen pal ur ost bel cor din vas tel mur',
);

/** Rare place names: each letter mentions two of them, so that each is found in about a hundred letters of a million. */
export function placeNames(count: number, rnd: () => number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const length = 3 + Math.floor(rnd() * 2);
    let name = '';
    for (let i = 0; i < length; i++) {
      name += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    }
    names.add(name[0].toUpperCase() + name.slice(1));
  }
  return [...names];
}

/** Recipients in the order of how often they are written to, roughly as in the communications reports. */
export const FREQUENT_RECIPIENTS = words(`
  IRN CHN IND RUS EGY SAU TUR PAK BGD VNM PHL MMR NIC VEN BLR BRA MEX COL GTM HND USA GBR ISR BHR ARE THA KHM LAO
  MYS IDN LKA AZE TJK UZB KAZ KGZ TKM ETH ERI SDN SSD UGA KEN TZA RWA BDI COD CMR NGA ZWE DZA MAR TUN LBY IRQ SYR
  YEM KWT QAT OMN JOR LBN CUB PER ECU BOL ARG CHL PRY HTI GEO ARM UKR POL HUN SRB GRC ITA ESP FRA DEU AUS NZL JPN KOR PRK
`);
