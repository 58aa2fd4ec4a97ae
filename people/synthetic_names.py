"""Word lists for synthetic customers (people/synthetic.py): common UK given names and
surnames with rough frequencies, streets, and postcode areas with their towns and nations.

Frequencies are approximate, in the spirit of ONS name statistics: they only need to make
search behave as it would on real data (a few very common surnames, a long tail of rare
ones), not to describe anyone. Written here, not taken from a package or data set.
"""


def _words(text: str, separator: str | None = None) -> list[str]:
    return text.split(separator)


# Surname: approximate share per 10,000 people. These ~200 cover about a quarter of
# people, as the most common surnames do in the UK; the rest come from the long tail.
SURNAMES = """
Smith:126 Jones:75 Williams:62 Taylor:48 Brown:47 Davies:43 Evans:33 Wilson:31 Thomas:30 Johnson:29
Roberts:28 Robinson:23 Thompson:23 Wright:23 Walker:22 White:21 Edwards:21 Hughes:20 Green:20 Hall:20
Lewis:19 Harris:19 Clarke:18 Patel:18 Jackson:18 Wood:17 Turner:17 Martin:17 Cooper:16 Hill:16
Ward:16 Morris:16 Moore:16 Clark:16 Lee:15 King:15 Baker:15 Harrison:15 Morgan:14 Allen:14
James:14 Scott:14 Phillips:14 Watson:13 Davis:13 Parker:13 Price:13 Bennett:13 Young:13 Griffiths:12
Mitchell:12 Kelly:12 Cook:12 Carter:12 Richardson:12 Bailey:11 Collins:11 Bell:11 Shaw:11 Murphy:11
Miller:11 Cox:11 Richards:11 Khan:11 Marshall:10 Anderson:10 Simpson:10 Ellis:10 Adams:10 Singh:10
Begum:10 Wilkinson:10 Foster:10 Chapman:10 Powell:10 Webb:10 Rogers:10 Gray:9 Mason:9 Ali:9
Hunt:9 Hussain:9 Campbell:9 Matthews:9 Owen:9 Palmer:9 Holmes:9 Mills:9 Barnes:9 Knight:9
Lloyd:9 Butler:9 Russell:8 Barker:8 Fisher:8 Stevens:8 Jenkins:8 Murray:8 Dixon:8 Harvey:8
Graham:8 Pearson:8 Ahmed:8 Fletcher:8 Walsh:8 Kaur:8 Gibson:8 Howard:8 Andrews:8 Stewart:8
Elliott:8 Reynolds:7 Saunders:7 Payne:7 Fox:7 Ford:7 Pearce:7 Day:7 Brooks:7 West:7
Lawrence:7 Cole:7 Atkinson:7 Bradley:7 Spencer:7 Gill:7 Dawson:7 Ball:7 Burton:7 O'Brien:7
Watts:7 Rose:7 Booth:7 Perry:7 Ryan:7 Grant:6 Wells:6 Armstrong:6 Francis:6 Rees:6
Hayes:6 Hart:6 Hudson:6 Newman:6 Barrett:6 Webster:6 Hunter:6 Gregory:6 Carr:6 Lowe:6
Page:6 Marsh:6 Riley:6 Dunn:6 Woods:6 Parsons:6 Berry:6 Stone:6 Reid:6 Holland:6
Hawkins:6 Harding:5 Porter:5 Robertson:5 Newton:5 Oliver:5 Reed:5 Kennedy:5 Williamson:5 Bird:5
Gardner:5 Shah:5 Dean:5 Lane:5 Cooke:5 Bates:5 Henderson:5 Parry:5 Burgess:5 Bishop:5
Walton:5 Burns:5 Nicholson:5 Shepherd:5 Ross:5 Cross:5 Long:5 Freeman:5 Warren:5 Nicholls:5
Hamilton:5 Byrne:5 Sutton:5 McDonald:5 Yates:5 Hodgson:5 Robson:5 Curtis:5 Hopkins:5 O'Connor:5
Harper:5 Coleman:5 Watkins:5 Moss:5 McCarthy:5 Chambers:5 O'Neill:5 Griffin:5 Sharp:5 Hardy:5
Wheeler:5 Potter:5 Osborne:5 Johnston:5 Gordon:5 Doyle:5 Wallace:5 George:5 Jordan:5 Hutchinson:5
Mohammed:5 Rahman:4 Islam:4 Nowak:4 Kowalski:3 Okafor:3 Adeyemi:3 Mensah:3 Nguyen:3 Chen:3
"""

# The long tail: English-style surnames made of two common parts (Ashworth, Blackwood...),
# each rare, as most surnames are.
SURNAME_STARTS = _words(
    "Ash Black Brad Brook Bur Cald Chat Cliff Cran Dal Dun East Fair Fen Gold Green Hal Haw Hol "
    "Kings Lang Lin Mar Mid Mor New North Oak Pen Ram Red Ridge Rush Salt Shel Stan Stock Sum Thorn "
    "Up War Wat West Whit Wick Win Wood Wool York Birch Crom Holl Mill Ald Alder Bel Bex Bram"
)
SURNAME_ENDS = _words(
    "worth wood ley ton field ford ham hurst by well combe dale more stead wick thorpe bury "
    "bridge croft den gate holme land low mere ridge shaw stock stone wold"
)
# Surnames from the UK's many communities, each rare in the whole but common locally.
OTHER_SURNAMES = _words(
    "Abara Achebe Adebayo Afolabi Agarwal Ahmadi Akhtar Alvarez Anwar Appiah Asante Aziz Bajwa Banerjee "
    "Baptiste Bibi Boateng Bose Chaudhry Chowdhury Costa Silva Dhillon Diallo Eze "
    "Fernandes Ferreira Gonzalez Grant-Lewis Gupta Haddad Hassan Ibrahim Iqbal Jaworski Joshi Kamara "
    "Kapoor Kowalczyk Kumar Lewandowski Li Liu Mahmood Malik Mbeki Mendes Mirza Mistry Mohamud Mukherjee "
    "Nair Nwosu Obi Odhiambo Ogunleye Okonkwo Olawale Osei Owusu Pereira Popescu Qureshi Rana Rashid "
    "Rossi Sahota Sandhu Santos Sharma Siddiqui Sokolov Sousa Suleiman Szymanski Tiwari Uddin Varga "
    "Verma Wojcik Wu Yilmaz Yusuf Zhang Zielinski"
)

# Given names: rough share per 10,000 among adults of all ages.
GIVEN_NAMES_FEMALE = """
Susan:120 Sarah:115 Karen:95 Julie:90 Elizabeth:90 Margaret:85 Emma:85 Claire:80 Nicola:75 Helen:75
Lisa:70 Michelle:70 Joanne:65 Amanda:65 Rachel:65 Louise:60 Laura:60 Rebecca:55 Kelly:50 Gemma:50
Samantha:50 Hannah:50 Jessica:45 Sophie:45 Charlotte:45 Amy:45 Lauren:40 Chloe:40 Emily:40 Olivia:35
Amelia:30 Isla:25 Ava:25 Mia:25 Grace:30 Lucy:40 Ellie:30 Katie:35 Jade:30 Stacey:30
Leanne:30 Natalie:35 Victoria:40 Catherine:45 Deborah:45 Angela:45 Tracey:40 Dawn:35 Mandy:25 Wendy:30
Pauline:35 Patricia:50 Linda:55 Barbara:45 Christine:50 Janet:45 Carol:45 Sandra:45 Jean:35 Joan:30
Mary:60 Ann:40 Anne:40 Jane:45 Alison:40 Fiona:30 Kirsty:25 Ayesha:12 Fatima:15 Aisha:12
Zainab:8 Amina:10 Priya:10 Anita:10 Sunita:8 Agnieszka:8 Anna:30 Magdalena:6 Chioma:5 Ngozi:5
Abena:4 Danielle:30 Jodie:25 Kayleigh:20 Shannon:20 Megan:30 Bethany:25 Abigail:25 Poppy:20 Freya:20
Evie:20 Holly:25 Zoe:30 Jasmine:20 Paige:20 Courtney:15 Kimberley:20 Sharon:45 Siân:10 Niamh:12
"""
GIVEN_NAMES_MALE = """
David:150 John:140 Michael:120 Paul:110 Andrew:100 Mark:95 James:110 Peter:80 Robert:85 Richard:75
Christopher:80 Stephen:75 Daniel:70 Thomas:70 Matthew:65 Ian:55 Gary:50 Simon:50 Steven:50 Anthony:50
Alan:50 Kevin:50 Brian:45 William:55 Jonathan:40 Martin:45 Philip:40 Lee:35 Jason:35 Adam:40
Darren:35 Neil:35 Craig:35 Stuart:30 Graham:30 Keith:30 Colin:30 Ryan:40 Benjamin:35 Jack:40
Joshua:35 Samuel:35 Oliver:35 Harry:35 George:35 Liam:35 Luke:35 Nathan:30 Jamie:30 Connor:25
Callum:25 Kieran:20 Dean:25 Wayne:25 Shaun:20 Carl:25 Barry:25 Terry:25 Kenneth:30 Raymond:25
Roy:20 Dennis:15 Derek:20 Gordon:15 Trevor:20 Malcolm:15 Glen:10 Scott:30 Aaron:25 Jordan:25
Lewis:25 Kyle:20 Bradley:20 Jake:25 Dylan:20 Ethan:25 Alfie:20 Charlie:25 Noah:20 Mohammed:25
Muhammad:20 Ahmed:12 Ali:12 Omar:10 Hassan:10 Imran:10 Tomasz:8 Piotr:8 Marek:5 Chukwuemeka:3
Kwame:4 Oluwaseun:3 Raj:8 Sanjay:6 Arjun:6 Rhys:15 Dafydd:5 Eóin:4 Seán:8 Niall:8
"""

STREETS = _words(
    "High Street, Station Road, Main Street, Park Road, Church Road, Church Street, London Road, "
    "Victoria Road, Green Lane, Manor Road, Church Lane, Park Avenue, The Avenue, The Crescent, "
    "Queens Road, New Road, Grange Road, Kings Road, Kingsway, Windsor Road, Highfield Road, Mill Lane, "
    "Alexander Road, York Road, St John's Road, Main Road, Broadway, King Street, The Green, Springfield Road, "
    "George Street, Park Lane, Victoria Street, Albert Road, Queensway, New Street, Queen Street, "
    "West Street, North Street, Manchester Road, The Grove, Richmond Road, Grove Road, South Street, "
    "Chester Road, Front Street, Shields Road, Durham Road, Westgate Road, Elswick Road",
    ", ",
)

# Postcode area: (town, nation, weight, highest district number). The demo organisation
# works from Newcastle, so most of its customers live in the North East.
POSTCODE_AREAS = {
    "NE": ("Newcastle upon Tyne", "england", 300, 66),
    "SR": ("Sunderland", "england", 110, 8),
    "DH": ("Durham", "england", 90, 9),
    "TS": ("Middlesbrough", "england", 110, 29),
    "DL": ("Darlington", "england", 60, 17),
    "CA": ("Carlisle", "england", 45, 28),
    "M": ("Manchester", "england", 35, 50),
    "L": ("Liverpool", "england", 25, 40),
    "LS": ("Leeds", "england", 30, 29),
    "S": ("Sheffield", "england", 20, 45),
    "B": ("Birmingham", "england", 25, 99),
    "SE": ("London", "england", 15, 28),
    "E": ("London", "england", 15, 18),
    "N": ("London", "england", 12, 22),
    "BS": ("Bristol", "england", 10, 49),
    "NG": ("Nottingham", "england", 10, 25),
    "HU": ("Hull", "england", 10, 20),
    "YO": ("York", "england", 10, 62),
    "BD": ("Bradford", "england", 10, 24),
    "CF": ("Cardiff", "wales", 15, 83),
    "SA": ("Swansea", "wales", 8, 73),
    "LL": ("Llandudno", "wales", 5, 78),
    "G": ("Glasgow", "scotland", 20, 84),
    "EH": ("Edinburgh", "scotland", 15, 55),
    "AB": ("Aberdeen", "scotland", 6, 56),
    "DD": ("Dundee", "scotland", 5, 11),
    "BT": ("Belfast", "northern-ireland", 12, 94),
}
