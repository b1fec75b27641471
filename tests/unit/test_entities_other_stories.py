"""Entities on short news paragraphs of other stories (written for this test): the stage must generalise.

Each paragraph lists every named person, organisation and place it holds, by canonical name
(the surface text for a name the knowledge base lacks); the stage must find exactly those.
"""

import pytest

from marsad.document import Document
from marsad.entities.stage import entities_stage
from marsad.text.layer import text_stage

STORIES = [
    ("2024-05-06",
     "وصل وفد من حركة حماس برئاسة خليل الحية إلى القاهرة أمس الأحد لاستئناف مفاوضات وقف إطلاق النار في غزة، بمشاركة رئيس المخابرات المصرية عباس كامل ورئيس الوزراء القطري محمد بن عبد الرحمن آل ثاني. وقال مسؤول في الحركة إن الوفد سيعود إلى الدوحة بعد اللقاء، فيما أكد رئيس الوزراء الإسرائيلي بنيامين نتنياهو أن الجيش الإسرائيلي سيدخل رفح مع اتفاق أو من دونه. وأعلن مدير وكالة المخابرات المركزية الأمريكية وليام بيرنز أنه سيتوجه إلى القاهرة.",
     {("عباس كامل", "PER"), ("Benjamin Netanyahu", "PER"), ("Cairo", "LOC"), ("Central Intelligence Agency", "ORG"), ("Doha", "LOC"), ("Gaza", "LOC"), ("Hamas", "ORG"), ("Khalil al-Hayya", "PER"), ("Mohammed bin Abdulrahman Al Thani", "PER"), ("Rafah", "LOC"), ("وليام بيرنز", "PER")}),
    ("2024-10-28",
     "قالت قوات الدعم السريع إنها سيطرت على مواقع جديدة قرب مدينة الفاشر في ولاية شمال دارفور، في حين أعلن الجيش السوداني بقيادة الفريق أول عبد الفتاح البرهان أنه صد الهجوم. وجاء ذلك بعد أيام من زيارة المبعوث الأمريكي إلى السودان توم بيريلو إلى بورتسودان، حيث دعا إلى استئناف محادثات جدة برعاية السعودية والولايات المتحدة. وحمّل قائد قوات الدعم السريع محمد حمدان دقلو الجيش مسؤولية انهيار الهدنة، بينما حذر برنامج الأغذية العالمي من مجاعة في مخيم زمزم.",
     {("Abdel Fattah al-Burhan", "PER"), ("El Fasher", "LOC"), ("Jeddah", "LOC"), ("Mohamed Hamdan Dagalo", "PER"), ("North Darfur", "LOC"), ("Port Sudan", "LOC"), ("Rapid Support Forces", "ORG"), ("Saudi Arabia", "LOC"), ("Sudan", "LOC"), ("توم بيريلو", "PER"), ("United States", "LOC"), ("World Food Programme", "ORG"), ("زمزم", "LOC")}),
    ("2025-04-13",
     "عقد وزير الخارجية الإيراني عباس عراقجي والمبعوث الأمريكي ستيف ويتكوف جولة أولى من المحادثات غير المباشرة في مسقط بوساطة وزير الخارجية العماني بدر البوسعيدي. ووصف عراقجي الأجواء بأنها بناءة، فيما قال البيت الأبيض إن اللقاء كان إيجابياً. وأكد المرشد الإيراني علي خامنئي في طهران أن بلاده لن تتخلى عن حقها في التخصيب، بينما دعا المدير العام للوكالة الدولية للطاقة الذرية رافائيل غروسي إلى عودة المفتشين.",
     {("Abbas Araghchi", "PER"), ("Ali Khamenei", "PER"), ("Badr Albusaidi", "PER"), ("International Atomic Energy Agency", "ORG"), ("Muscat", "LOC"), ("Rafael Grossi", "PER"), ("Steve Witkoff", "PER"), ("Tehran", "LOC"), ("White House", "ORG")}),
    ("2024-12-01",
     "انطلقت في الكويت أعمال القمة الخامسة والأربعين لمجلس التعاون لدول الخليج العربية بمشاركة أمير قطر الشيخ تميم بن حمد آل ثاني وولي العهد السعودي الأمير محمد بن سلمان. وقال الأمين العام للمجلس جاسم البديوي إن القادة بحثوا الحرب في غزة ولبنان، ورحب البيان الختامي بوقف إطلاق النار بين إسرائيل وحزب الله. وترأس أمير الكويت الشيخ مشعل الأحمد الجابر الصباح الجلسة الافتتاحية.",
     {("Gaza", "LOC"), ("Gulf Cooperation Council", "ORG"), ("Hezbollah", "ORG"), ("Israel", "LOC"), ("Jasem Albudaiwi", "PER"), ("Kuwait", "LOC"), ("Lebanon", "LOC"), ("Mishal Al-Ahmad Al-Jaber Al-Sabah", "PER"), ("Mohammed bin Salman", "PER"), ("Qatar", "LOC"), ("Tamim bin Hamad Al Thani", "PER")}),
    ("2024-10-05",
     "صوتت الدول الأعضاء في الاتحاد الأوروبي على فرض رسوم إضافية على السيارات الكهربائية المستوردة من الصين، رغم معارضة ألمانيا والمجر. وقال المفوض الأوروبي للتجارة فالديس دومبروفسكيس في بروكسل إن المفوضية الأوروبية ستواصل التفاوض مع بكين، بينما ردت وزارة التجارة الصينية بأنها ستتخذ كل الإجراءات اللازمة لحماية شركاتها. وحذرت شركة فولكس فاغن الألمانية من حرب تجارية، في حين رحبت فرنسا بالقرار.",
     {("Beijing", "LOC"), ("Brussels", "LOC"), ("China", "LOC"), ("European Commission", "ORG"), ("European Union", "ORG"), ("France", "LOC"), ("Germany", "LOC"), ("Hungary", "LOC"), ("Ministry of Commerce (China)", "ORG"), ("فالديس دومبروفسكيس", "PER"), ("فولكس فاغن", "ORG")}),
]


@pytest.mark.parametrize("published, text, expected", STORIES, ids=["gaza", "sudan", "iran", "gulf", "eu_china"])
def test_entities_of_another_story(published, text, expected):
    doc = entities_stage(text_stage(Document(id="t", text=text, published=published)))
    assert {(e.name, e.type) for e in doc.entities} == expected
