"""Common given names by gender, for resolving "he" and "she" to a person. A small hand-made
list of frequent English-language first names; names given to both (Terry, Leslie, Jordan) and
names that are also places or words (Virginia, Hope) are left out.
"""

from __future__ import annotations

MALE = frozenset(
    """Aaron Abe Abraham Adam Adrian Al Alan Albert Alec Alex Alexander Alfred Allen Alvin
    Andrew Andy Angus Anthony Antonio Archie Arnold Arthur Austin Barack Barney Barry Ben
    Benjamin Bennie Bernard Bernie Bill Billy Bob Bobby Boris Brad Bradley Brandon Brent
    Brett Brian Bruce Bryan Bud Buddy Burt Byron Calvin Carl Carlos Cecil Chad Charles
    Charlie Chester Chip Christian Christopher Chuck Clarence Claude Clayton Cliff Clifford
    Clint Clinton Cody Colin Corey Cory Craig Curt Curtis Dale Dan Daniel Danny Darrell
    Darren Dave David Dean Dennis Denny Derek Devin Dick Don Donald Doug Douglas Duane
    Dustin Dwight Earl Ed Eddie Edgar Edward Edwin Eli Elijah Elliot Elliott Elmer Emanuel
    Eric Erik Ernest Ethan Eugene Evan Frank Franklin Fred Freddie Frederick Gabriel Gary
    Gavin Gene Geoff Geoffrey George Gerald Gilbert Glenn Gordon Greg Gregory Hank Harold
    Harry Harvey Hector Henry Herb Herbert Herman Howard Hugh Hugo Ian Ike Isaac Ivan Jack
    Jacob Jake James Jared Jason Jay Jeb Jed Jeff Jeffrey Jeremy Jerome Jerry Jim Jimmy Joe
    Joel Joey John Johnny Jon Jonathan Jose Joseph Josh Joshua Juan Julian Justin Karl Keith
    Ken Kenneth Kenny Kevin Kirk Kurt Kyle Lamar Lance Larry Lawrence Leo Leon Leonard
    Lester Lewis Lloyd Louis Luis Luke Lyndon Malcolm Marco Marcus Mario Mark Marshall
    Martin Marvin Matt Matthew Maurice Max Melvin Michael Mick Mickey Miguel Mike Mitch
    Mitchell Mitt Mohammed Muhammad Nathan Neil Newt Nicholas Nick Norman Oliver Orrin Oscar
    Owen Patrick Paul Pedro Pete Peter Phil Philip Phillip Preston Rafael Ralph Rand Randall
    Randy Ray Raymond Reggie Reince Richard Rick Ricky Rob Robert Rod Rodney Roger Ron
    Ronald Ronnie Ross Roy Rudy Russ Russell Ryan Sam Samuel Scott Sean Sergey Seth Shawn
    Sheldon Sherrod Simon Stan Stanley Stephen Steve Steven Stuart Ted Theodore Thomas Tim
    Timothy Todd Tom Tommy Tony Travis Trey Troy Tyler Vernon Victor Vince Vincent Vladimir
    Wade Wally Walter Warren Wayne Wesley William Willie Xavier Zach Zachary""".split()
)

FEMALE = frozenset(
    """Abby Abigail Ada Addison Adrienne Agnes Aileen Alexandra Alice Alicia Alison
    Allison Alma Amanda Amber Amelia Amy Ana Andrea Angela Angelina Anita Ann Anna Anne
    Annette Annie Antoinette Arlene Ashley Audrey Ayanna Barbara Beatrice Becky Belinda Beth
    Bethany Betsy Betty Beverly Bianca Bonnie Brenda Bridget Brittany Brooke Camila Candace
    Carla Carly Carmen Carol Caroline Carolyn Carrie Cassandra Catherine Cathy Cecilia
    Chelsea Cheryl Chloe Christina Christine Cindy Claire Clara Claudia Colleen Connie
    Courtney Crystal Cynthia Daisy Danielle Darlene Dawn Debbie Deborah Debra Denise Diana
    Diane Dianne Dolores Donna Doris Dorothy Edith Eileen Elaine Eleanor Elena Elisabeth
    Elise Elizabeth Ella Ellen Elsa Emily Emma Erica Erin Esther Eva Evelyn Felicia Fiona
    Florence Frances Gabrielle Gail Gina Gladys Gloria Grace Gretchen Gwen Hannah Harriet
    Hazel Heather Heidi Helen Hilary Hillary Holly Huma Ida Irene Iris Isabel Ivana Ivanka
    Jacqueline Jane Janet Janice Jasmine Jeanne Jennifer Jenny Jessica Jill Joan Joanna
    Joanne Jodi Josephine Joyce Judith Judy Julia Julie Karen Kate Katherine Kathleen
    Kathryn Kathy Katie Katrina Kayla Kellyanne Kimberly Kirsten Kristen Kristin Laura
    Lauren Laurie Leah Lena Linda Lisa Liz Lois Loretta Lori Lorraine Louise Lucy Lydia
    Madeleine Madison Maggie Mandy Marcia Margaret Maria Marianne Marie Marilyn Marion
    Marjorie Marsha Martha Mary Maureen Maxine Megan Megyn Melania Melanie Melissa Meredith
    Mia Michele Michelle Mildred Mindy Miranda Molly Monica Nancy Naomi Natalie Nicole Nikki
    Nina Nora Norma Olivia Paige Pam Pamela Patricia Patti Patty Paula Pauline Peggy Penny
    Phyllis Priscilla Rachel Rebecca Regina Renee Rhonda Rita Roberta Rosa Rosalind Rose
    Rosemary Ruth Sally Samantha Sandra Sara Sarah Sharon Sheila Shelley Sherry Shirley
    Sonia Sophia Sophie Stacy Stephanie Sue Susan Susana Suzanne Sylvia Tamara Tammy Tanya
    Tara Teresa Theresa Tiffany Tina Valerie Vanessa Vera Veronica Vicki Victoria Wanda
    Wendy Whitney Yvonne Zoe""".split()
)
