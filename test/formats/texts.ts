// Report texts written for the format tests: made-up incidents in made-up wording, long enough to
// run over two pages. Each paragraph is one block of the printed page.
export const AR_TITLE = 'التقرير الشهري عن الانتهاكات في المنطقة الشرقية';

export const AR_PARAGRAPHS = [
  'يوثق هذا التقرير ما رصده فريقنا الميداني من انتهاكات خلال شهر آذار من عام 2021، ويعتمد على شهادات الأهالي وعلى ما نشرته شبكات محلية بعد التحقق منه.',
  'أعدم تنظيم داعش ثلاثة رجال في مدينة الميادين يوم الجمعة 12 آذار 2021 بتهمة التعامل مع التحالف الدولي، وترك جثثهم في الساحة العامة لساعات.',
  'وفي اليوم التالي قصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي بالبراميل المتفجرة، ما أدى إلى مقتل خمسة مدنيين بينهم طفلان وإصابة آخرين بجروح.',
  'واعتقلت دورية تابعة لقوات سوريا الديمقراطية أربعة شبان من قرية الصور بعد مداهمة منازلهم فجراً، ولم تعرف عائلاتهم مكان احتجازهم حتى كتابة هذا التقرير.',
  'وقال أحد سكان الحي إن الطائرات حلقت فوق المدينة طوال الليل، وإن الأهالي لجؤوا إلى الأقبية خوفاً من غارات جديدة، وإن المدارس أغلقت أبوابها أسبوعاً كاملاً.',
  'ونزحت نحو مئتي عائلة من بلدة معرة النعمان نحو المخيمات القريبة من الحدود التركية بعد اشتداد القصف المدفعي على الأحياء السكنية.',
  'وفي مدينة دير الزور خطف مسلحون مجهولون ناشطاً إعلامياً من أمام منزله مساء الأحد، وما زال مصيره مجهولاً.',
  'ويذكّر فريق الرصد بأن جميع الأسماء محفوظة لديه، وأن الشهادات جمعت بموافقة أصحابها، وأن الأرقام الواردة هنا هي الحد الأدنى الذي أمكن التحقق منه.',
];

export const EN_TITLE = 'Monthly report on violations in the eastern region';

export const EN_PARAGRAPHS = [
  'This report documents what our field team recorded during March 2021. It rests on statements by residents and on posts by local networks that we were able to verify independently.',
  'Islamic State fighters executed three men in the town of Al-Mayadin on Friday, 12 March 2021, accusing them of collaboration with the international coalition. Their bodies were left in the main square for several hours.',
  'On the following day, government forces dropped barrel bombs on the town of Kafr Nabl in southern Idlib, killing five civilians, including two children, and wounding others.',
  'A patrol of the Syrian Democratic Forces arrested four young men in the village of Al-Sour after raiding their homes at dawn. Their families still do not know where they are being held.',
  'Residents said that aircraft circled over the town all night, that families sheltered in basements for fear of new raids, and that schools stayed closed for a whole week; a well-documented pattern in this district.',
  'Around two hundred families fled Maarat al-Numan towards the camps near the Turkish border after the artillery shelling of residential neighbourhoods intensified.',
  'In Deir ez-Zor city, unidentified gunmen abducted a media activist outside his home on Sunday evening. His fate remains unknown.',
  'The monitoring team keeps all names on file. Statements were collected with the consent of those who gave them, and the figures given here are the lowest that could be verified.',
];
